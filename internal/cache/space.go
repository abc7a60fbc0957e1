package cache

// Space is one kind of value in a Cache, under its own name so that keys
// of different kinds never collide. It is typed, so callers never assert.
type Space[V any] struct {
	c     *Cache
	name  string
	weigh func(V) int64
}

// NewSpace names a space in c. weigh returns a value's size in bytes
// (what it keeps reachable that nothing else accounts for); the key and
// EntryOverhead are added to it. Two spaces with the same name share their
// entries, so each kind of value should have one name, e.g. "isso-thread".
func NewSpace[V any](c *Cache, name string, weigh func(V) int64) *Space[V] {
	return &Space[V]{c: c, name: name, weigh: weigh}
}

// Bytes weighs a byte slice by its capacity (what it keeps allocated: an
// encoder's buffer often has room to spare), for spaces of encoded answers.
func Bytes(b []byte) int64 { return int64(cap(b)) }

// String weighs a string by its length.
func String[S ~string](s S) int64 { return int64(len(s)) }

// Get returns the value stored under key, marking it recently used.
func (s *Space[V]) Get(key string) (V, bool) {
	v, ok := s.c.get(key2(s.name, key))
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// Set stores v under key, replacing any previous value and evicting the
// least recently used entries of any space until it fits. A value heavier
// than half the budget is not stored.
func (s *Space[V]) Set(key string, v V) {
	s.c.set(key2(s.name, key), v, s.weigh(v))
}

// Delete drops key's value, if any.
func (s *Space[V]) Delete(key string) { s.c.del(key2(s.name, key)) }

// Clear drops every value of the space.
func (s *Space[V]) Clear() { s.c.clear(s.name) }

// Cache is the cache the space lives in.
func (s *Space[V]) Cache() *Cache { return s.c }

func key2(space, k string) key { return key{space: space, k: k} }
