package signed

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/natter/natter/internal/pyjson"
)

// b64 is itsdangerous' alphabet. Strict rejects non-canonical encodings so
// each signature has exactly one textual form.
var b64 = base64.RawURLEncoding.Strict()

// maxPayload bounds decompression; signed values are a few dozen bytes.
const maxPayload = 64 << 10

// encodePayload produces the compact JSON of v, zlib-compressed and marked
// with a leading "." only when that saves more than one byte.
func encodePayload(v any) (string, error) {
	data, err := pyjson.Compact(v)
	if err != nil {
		return "", err
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data) // writes to a bytes.Buffer cannot fail
	if err := w.Close(); err != nil {
		return "", err
	}
	if z.Len() < len(data)-1 {
		return "." + b64.EncodeToString(z.Bytes()), nil
	}
	return b64.EncodeToString(data), nil
}

func decodePayload(payload string) ([]byte, error) {
	compressed := len(payload) > 0 && payload[0] == '.'
	if compressed {
		payload = payload[1:]
	}
	data, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || !compressed {
		return data, err
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, maxPayload+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxPayload {
		return nil, errors.New("decompressed payload too large")
	}
	return out, nil
}

// encodeTimestamp writes unix seconds big-endian in the fewest bytes.
func encodeTimestamp(t time.Time) (string, error) {
	sec := t.Unix()
	if sec < 0 {
		return "", fmt.Errorf("signed: timestamp %v before 1970", t)
	}
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], uint64(sec))
	i := 0
	for i < len(buf) && buf[i] == 0 {
		i++
	}
	return b64.EncodeToString(buf[i:]), nil
}

func decodeTimestamp(s string) (int64, error) {
	raw, err := b64.DecodeString(s)
	if err != nil {
		return 0, err
	}
	if len(raw) > 8 {
		return 0, errors.New("timestamp too large")
	}
	var buf [8]byte
	copy(buf[8-len(raw):], raw)
	u := binary.BigEndian.Uint64(buf[:])
	if u > math.MaxInt64 {
		return 0, errors.New("timestamp too large")
	}
	return int64(u), nil
}
