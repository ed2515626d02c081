package store

// Cache keeps values by key.
type Cache struct{ m map[string][]byte }

// NewCache allocates the cache on the heap (it is returned).
func NewCache() *Cache {
	c := Cache{m: map[string][]byte{}}
	return &c
}
