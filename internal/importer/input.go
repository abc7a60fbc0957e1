package importer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"sync/atomic"
)

// input is an export file, opened once per pass.
type input struct {
	path  string
	read  atomic.Int64 // bytes of the file read in the current pass
	total int64        // the file's size
}

func newInput(path string) (*input, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("importer: %w", err)
	}
	return &input{path: path, total: fi.Size()}, nil
}

// open returns the export's content, decompressed if it is gzipped.
func (in *input) open() (io.Reader, func() error, error) {
	f, err := os.Open(in.path)
	if err != nil {
		return nil, nil, fmt.Errorf("importer: %w", err)
	}
	in.read.Store(0)
	br := bufio.NewReaderSize(&counter{r: f, n: &in.read}, 64<<10)
	magic, _ := br.Peek(2)
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return br, f.Close, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("importer: %s: %w", in.path, err)
	}
	return zr, f.Close, nil
}

// detect opens the file to name its format.
func (in *input) detect() (Format, error) {
	r, closeFn, err := in.open()
	if err != nil {
		return "", err
	}
	defer closeFn()
	head, _, err := readHead(r)
	if err != nil {
		return "", err
	}
	return Detect(head)
}

// counter counts the bytes read through it, for the progress line.
type counter struct {
	r io.Reader
	n *atomic.Int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
