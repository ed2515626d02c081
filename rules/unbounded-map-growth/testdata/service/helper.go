package service

import "sync"

func (s *Store) lockFor(tenant string) *sync.Mutex {
	l, ok := s.locks[tenant]
	if !ok {
		l = &sync.Mutex{}
		s.locks[tenant] = l // want "unbounded-map-growth"
	}
	return l
}

// Forget drops a tenant's items; byTenant therefore shrinks and is not reported.
func (s *Store) Forget(tenant string) {
	s.mu.Lock()
	delete(s.byTenant, tenant)
	s.mu.Unlock()
}
