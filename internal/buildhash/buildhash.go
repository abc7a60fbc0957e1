// Package buildhash names the running binary by the hash of its
// executable: unlike a version string, it differs between any two builds,
// development builds included.
package buildhash

import (
	"crypto/sha256"
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
	sum, err := hashFile()
	if err != nil {
		return fmt.Sprintf("unreadable executable, process %d from %d: %v", os.Getpid(), time.Now().UnixNano(), err)
	}
	return sum
}

func hashFile() (string, error) {
	path, err := os.Executable()
	if err != nil {
		return "", err
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
	return hex.EncodeToString(h.Sum(nil)), nil
}
