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

type AppendRequest struct{ Tenant, Item string }

type AppendReply struct{ Count int }

// Append runs for every RPC call.
func (s *Store) Append(ctx context.Context, req *AppendRequest) (*AppendReply, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byTenant[req.Tenant] = append(s.byTenant[req.Tenant], req.Item)
	s.lockFor(req.Tenant)
	return &AppendReply{Count: len(s.byTenant[req.Tenant])}, ctx.Err()
}
