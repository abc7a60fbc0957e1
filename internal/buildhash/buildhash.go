// Package buildhash names the running binary: by the build ID the Go
// toolchain writes near the start of every executable (a hash of the
// build's inputs and output), else by the hash of the whole file. Unlike a
// version string, it differs between any two builds, development builds
// included.
package buildhash

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Hasher hashes the executable once, on first use or when Start asks.
type Hasher struct {
	once func() string
}

// New returns a Hasher; the hash is not computed yet.
func New() *Hasher {
	return &Hasher{once: sync.OnceValue(executable)}
}

// Start hashes in the background, so that the first Sum need not wait.
func (h *Hasher) Start() { go h.once() }

// Sum is the executable's hash, or, when it cannot be read, a value
// unique to this process (nothing stored under it is ever found again).
func (h *Hasher) Sum() string { return h.once() }

func executable() string {
	sum, err := identify()
	if err != nil {
		return fmt.Sprintf("unreadable executable, process %d from %d: %v", os.Getpid(), time.Now().UnixNano(), err)
	}
	return sum
}

// identify reads the Go build ID from the ELF note the linker writes;
// hashing the whole executable (tens of megabytes), the fallback for other
// formats, took a start twice as long.
func identify() (string, error) {
	path, err := executablePath()
	if err != nil {
		return "", err
	}
	if id, ok := elfBuildID(path); ok {
		return "go build ID " + id, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil)), nil
}

// elfBuildID reads the .note.go.buildid section of an ELF executable.
func elfBuildID(path string) (string, bool) {
	f, err := elf.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return "", false
	}
	note, err := sec.Data()
	if err != nil {
		return "", false
	}
	return noteDesc(note, f.ByteOrder)
}

// noteDesc is the descriptor of an ELF note: name size, descriptor size
// and type (4 bytes each), the name padded to 4 bytes, the descriptor.
func noteDesc(note []byte, order binary.ByteOrder) (string, bool) {
	if len(note) < 12 {
		return "", false
	}
	nameSize, descSize := int(order.Uint32(note)), int(order.Uint32(note[4:]))
	from := 12 + (nameSize+3)&^3
	if descSize == 0 || from+descSize > len(note) || from < 12 {
		return "", false
	}
	return string(note[from : from+descSize]), true
}

func executablePath() (string, error) { return os.Executable() }
