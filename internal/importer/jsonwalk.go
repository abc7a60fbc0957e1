package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonWalker walks a JSON document one value at a time, so only the value
// being decoded is ever in memory.
type jsonWalker struct{ dec *json.Decoder }

func newJSONWalker(r io.Reader) *jsonWalker {
	d := json.NewDecoder(r)
	d.UseNumber()
	return &jsonWalker{dec: d}
}

// fail names the byte offset where reading stopped.
func (w *jsonWalker) fail(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d: %w", se.Offset, err)
	}
	return fmt.Errorf("invalid JSON at byte %d: %w", w.dec.InputOffset(), err)
}

func (w *jsonWalker) delim(want json.Delim) error {
	t, err := w.dec.Token()
	if err != nil {
		return w.fail(err)
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return w.fail(fmt.Errorf("expected %q, found %v", want, t))
	}
	return nil
}

// array calls fn for each element of the array that comes next; fn must
// consume exactly one value.
func (w *jsonWalker) array(fn func() error) error {
	if err := w.delim('['); err != nil {
		return err
	}
	for w.dec.More() {
		if err := fn(); err != nil {
			return err
		}
	}
	return w.delim(']')
}

// object calls fn with each key of the object that comes next; fn must
// consume the key's value (w.skip does when it is not wanted).
func (w *jsonWalker) object(fn func(key string) error) error {
	if err := w.delim('{'); err != nil {
		return err
	}
	for w.dec.More() {
		t, err := w.dec.Token()
		if err != nil {
			return w.fail(err)
		}
		key, _ := t.(string)
		if err := fn(key); err != nil {
			return err
		}
	}
	return w.delim('}')
}

// decode reads the next value into v.
func (w *jsonWalker) decode(v any) error {
	if err := w.dec.Decode(v); err != nil {
		return w.fail(err)
	}
	return nil
}

// skip consumes the next value token by token, without holding it.
func (w *jsonWalker) skip() error {
	depth := 0
	for {
		t, err := w.dec.Token()
		if err != nil {
			return w.fail(err)
		}
		if d, ok := t.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

// end checks that nothing but white space follows the document.
func (w *jsonWalker) end() error {
	if _, err := w.dec.Token(); !errors.Is(err, io.EOF) {
		return w.fail(fmt.Errorf("data after the end of the export"))
	}
	return nil
}

// flexString accepts a JSON string, number or null as a string: exports
// disagree on whether ids are numbers.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var v any
	d := json.NewDecoder(bytesReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return err
	}
	switch x := v.(type) {
	case nil:
		*f = ""
	case string:
		*f = flexString(x)
	case json.Number:
		*f = flexString(x.String())
	case bool:
		*f = flexString(fmt.Sprint(x))
	default:
		return fmt.Errorf("expected a string or number, found %s", b)
	}
	return nil
}
