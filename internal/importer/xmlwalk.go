package importer

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// xmlWalker wraps a streaming decoder so errors say where they happened.
type xmlWalker struct{ dec *xml.Decoder }

func newXMLWalker(r io.Reader) *xmlWalker {
	d := xml.NewDecoder(r)
	d.Strict = true
	// WXR files declare their charset; anything but UTF-8 is passed
	// through, as exports in the wild are UTF-8 whatever they claim.
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	return &xmlWalker{dec: d}
}

func (w *xmlWalker) fail(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	line, col := w.dec.InputPos()
	return fmt.Errorf("invalid XML at line %d, column %d (byte %d): %w", line, col, w.dec.InputOffset(), err)
}

// walk calls fn for every start element, at any depth, with the number
// of open elements above it; fn either consumes the element (decode,
// skip) or returns without reading, and then walk descends into it. It
// fails on truncated input: every element must be closed.
func (w *xmlWalker) walk(fn func(se xml.StartElement, depth int) (consumed bool, err error)) error {
	depth, seen := 0, false
	for {
		tok, err := w.dec.Token()
		if errors.Is(err, io.EOF) && seen && depth == 0 {
			return nil
		}
		if err != nil {
			return w.fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			seen = true
			consumed, err := fn(t, depth)
			if err != nil {
				return err
			}
			if !consumed {
				depth++
			}
		case xml.EndElement:
			depth--
		}
	}
}

func (w *xmlWalker) decode(v any, se xml.StartElement) error {
	if err := w.dec.DecodeElement(v, &se); err != nil {
		return w.fail(err)
	}
	return nil
}
