package authorhash

import (
	"fmt"
	"sync"
	"testing"
)

func TestHasher_DefaultVectors(t *testing.T) {
	// Vectors from isso-compat.md §5.6 (default salt and algorithm).
	h, err := New(DefaultSalt, DefaultAlgorithm)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"", "42476aafe2e4"},
		{"127.0.0.0", "4505c1eeda98"},
		{"192.168.1.0", "9f0076fd038d"},
		{"foo@bar.com", "3b35f5a00071"},
		{"Foo@Example.org", "223139dac831"},
		{"203.0.113.0", "a7b7f96edc97"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q", tc.in), func(t *testing.T) {
			for range 2 { // second round is served from the cache
				if got := h.Hash(tc.in); got != tc.want {
					t.Errorf("Hash(%q) = %s, want %s", tc.in, got, tc.want)
				}
			}
		})
	}
}

func TestHasher_Algorithms(t *testing.T) {
	tests := []struct {
		name, algorithm, in, want string
	}{
		{"none is hex of input", "none", "ab", "6162"},
		{"plain sha1 ignores salt", "sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"plain md5", "md5", "", "d41d8cd98f00b204e9800998ecf8427e"},
		{"plain sha256", "sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"pbkdf2 explicit defaults", "pbkdf2:1000:6:sha1", "foo@bar.com", "3b35f5a00071"},
		{"pbkdf2 one iteration", "pbkdf2:1", "foo@bar.com", "c1cddbd1a508"},
		{"pbkdf2 longer key, sha256", "pbkdf2:10:8:sha256", "foo@bar.com", "8e12d37dced3d3bd"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := New(DefaultSalt, tc.algorithm)
			if err != nil {
				t.Fatal(err)
			}
			if got := h.Hash(tc.in); got != tc.want {
				t.Errorf("Hash(%q) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestNew_RejectsBadAlgorithms(t *testing.T) {
	for _, algorithm := range []string{"", "rot13", "pbkdf2:x", "pbkdf2:0", "pbkdf2:1000:0", "pbkdf2:1000:6:whirlpool", "pbkdf2:1:2:sha1:extra"} {
		t.Run(algorithm, func(t *testing.T) {
			if _, err := New(DefaultSalt, algorithm); err == nil {
				t.Errorf("New(%q) succeeded, want error", algorithm)
			}
		})
	}
}

func TestHasher_Identity(t *testing.T) {
	h, err := New(DefaultSalt, DefaultAlgorithm)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, email, addr, want string
	}{
		{"email wins over address", "foo@bar.com", "127.0.0.0", "3b35f5a00071"},
		{"address when no email", "", "127.0.0.0", "4505c1eeda98"},
		{"email is not case-folded", "Foo@Example.org", "", "223139dac831"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := h.Identity(tc.email, tc.addr); got != tc.want {
				t.Errorf("Identity(%q, %q) = %s, want %s", tc.email, tc.addr, got, tc.want)
			}
		})
	}
}

func TestHasher_CacheIsBoundedAndConcurrencySafe(t *testing.T) {
	h, err := New(DefaultSalt, "pbkdf2:1")
	if err != nil {
		t.Fatal(err)
	}
	h.cache = newLRU(8)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				h.Hash(fmt.Sprintf("user%d-%d", g, i%20))
			}
		}()
	}
	wg.Wait()
	if n := h.cache.len(); n > 8 {
		t.Errorf("cache holds %d entries, want at most 8", n)
	}
}

func TestLRU_EvictsLeastRecentlyUsed(t *testing.T) {
	c := newLRU(2)
	c.put("a", "1")
	c.put("b", "2")
	c.get("a") // a is now more recent than b
	c.put("c", "3")
	if _, ok := c.get("b"); ok {
		t.Error("b should have been evicted")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s should still be cached", k)
		}
	}
}

func BenchmarkHasher_Thread(b *testing.B) {
	// A 200-comment thread written by 20 distinct authors.
	h, err := New(DefaultSalt, DefaultAlgorithm)
	if err != nil {
		b.Fatal(err)
	}
	inputs := make([]string, 200)
	for i := range inputs {
		inputs[i] = fmt.Sprintf("author%d@example.org", i%20)
	}
	for b.Loop() {
		for _, in := range inputs {
			h.Hash(in)
		}
	}
}

func BenchmarkHasher_Uncached(b *testing.B) {
	h, err := New(DefaultSalt, DefaultAlgorithm)
	if err != nil {
		b.Fatal(err)
	}
	h.cache = nil
	for b.Loop() {
		h.Hash("foo@bar.com")
	}
}
