// Package service: a long-lived service whose helper in another file inserts.
package service

import (
	"context"
	"sync"
)

type Store struct {
	mu       sync.RWMutex
	byTenant map[string][]string
	locks    map[string]*sync.Mutex
}

func New() *Store {
	return &Store{byTenant: map[string][]string{}, locks: map[string]*sync.Mutex{}}
}

// Append runs for every RPC call.
func (s *Store) Append(ctx context.Context, tenant, item string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byTenant[tenant] = append(s.byTenant[tenant], item)
	s.lockFor(tenant)
	return ctx.Err()
}
