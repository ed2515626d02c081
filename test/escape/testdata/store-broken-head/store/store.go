package store

// Cache keeps values by key.
type Cache struct{ m map[string][]byte }

// NewCache no longer compiles at head.
func NewCache() *Cache {
	return newCacheWithSize(16)
}
