package growth

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"
)

// sessions gains keys per request, but logout deletes them.
var sessions = map[string]time.Time{}

var sessionsMu sync.Mutex

func login(w http.ResponseWriter, r *http.Request) {
	sessionsMu.Lock()
	sessions[r.FormValue("user")] = time.Now()
	sessionsMu.Unlock()
}

func logout(w http.ResponseWriter, r *http.Request) {
	sessionsMu.Lock()
	delete(sessions, r.FormValue("user"))
	sessionsMu.Unlock()
}

// A map built for one request dies with it.
func handleForm(w http.ResponseWriter, r *http.Request) {
	fields := map[string]string{}
	for k, v := range r.URL.Query() {
		fields[k] = v[0]
	}
	_ = fields
}

// Bounded cache: evicts the oldest entry once full.
type boundedCache struct {
	mu    sync.Mutex
	items map[string][]byte
	order []string
}

func newBoundedCache() *boundedCache { return &boundedCache{items: map[string][]byte{}} }

func (c *boundedCache) Put(ctx context.Context, key string, val []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.order) >= 1000 {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[key] = val
	c.order = append(c.order, key)
}

// Short-lived: a collector built and dropped inside each request.
type collector struct {
	seen map[string]bool
}

func (c *collector) add(ctx context.Context, name string) { c.seen[name] = true }

func handleCollect(w http.ResponseWriter, r *http.Request) {
	c := &collector{seen: map[string]bool{}}
	c.add(r.Context(), r.URL.Path)
}

// Fixed keys: at most three entries, whatever the traffic.
var stats = map[string]int{}

var statsMu sync.Mutex

func handleStats(w http.ResponseWriter, r *http.Request) {
	statsMu.Lock()
	stats["requests"]++
	if r.Method == http.MethodPost {
		stats[http.MethodPost]++
	}
	statsMu.Unlock()
}

// Rebuilt every hour: replacing the map releases everything.
type window struct {
	mu   sync.Mutex
	hits map[string]int
}

var currentWindow = &window{hits: map[string]int{}}

func (w *window) Hit(ctx context.Context, ip string) {
	w.mu.Lock()
	w.hits[ip]++
	w.mu.Unlock()
}

func (w *window) rotate() {
	w.mu.Lock()
	w.hits = make(map[string]int)
	w.mu.Unlock()
}

// Filled once at start-up, not per request.
var routes = map[string]http.HandlerFunc{}

func init() {
	for _, p := range []string{"/a", "/b"} {
		routes[p] = handleForm
	}
}

// Keys only updated in place: the loop ranges over the same map.
var quotas = map[string]int{"free": 10, "pro": 100}

func handleRefill(w http.ResponseWriter, r *http.Request) {
	for plan := range quotas {
		quotas[plan] = 100
	}
}

// Handed to package code that prunes it.
var pending = map[string]time.Time{}

func handlePending(w http.ResponseWriter, r *http.Request) {
	pending[r.URL.Path] = time.Now()
	prune(pending)
}

func prune(m map[string]time.Time) {
	for k, t := range m {
		if time.Since(t) > time.Minute {
			delete(m, k)
		}
	}
}

var _ = currentWindow.rotate

// A pipeline over a finite batch: the channel is made here and closed by its producer.
type scanner struct {
	seenFiles map[string]bool
}

var theScanner = &scanner{seenFiles: map[string]bool{}}

func (s *scanner) scan(paths []string) {
	ch := make(chan string)
	go func() {
		for _, p := range paths {
			ch <- p
		}
		close(ch)
	}()
	for p := range ch {
		s.seenFiles[p] = true
	}
}

var _ = theScanner.scan

// A pool keyed by shard: taking one out re-slices the existing entry.
type pool struct {
	mu    sync.Mutex
	conns map[string][]int
}

var connPool = &pool{conns: map[string][]int{}}

func (p *pool) take(shard string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(p.conns[shard])
	if n == 0 {
		return -1
	}
	c := p.conns[shard][n-1]
	p.conns[shard] = p.conns[shard][:n-1]
	return c
}

func handleTake(w http.ResponseWriter, r *http.Request) {
	_ = connPool.take(r.URL.Query().Get("shard"))
}

// A pool of producers by partition, filled back per event: release appends to the partition's
// slice, borrow pops it again (`m[k] = m[k][:n-1]`), so the keys are the partitions in use, not
// one per event (the shape of IBM/sarama's examples/exactly_once producerProvider).
type partition struct {
	topic string
	id    int32
}

type producerPool struct {
	mu        sync.Mutex
	producers map[partition][]*strings.Builder
}

var producers = &producerPool{producers: map[partition][]*strings.Builder{}}

func (p *producerPool) borrow(topic string, id int32) *strings.Builder {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := partition{topic, id}
	n := len(p.producers[key])
	if n == 0 {
		return &strings.Builder{}
	}
	b := p.producers[key][n-1]
	p.producers[key] = p.producers[key][:n-1]
	return b
}

func (p *producerPool) release(topic string, id int32, b *strings.Builder) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := partition{topic, id}
	p.producers[key] = append(p.producers[key], b)
}

func handleProduce(w http.ResponseWriter, r *http.Request) {
	b := producers.borrow(r.URL.Query().Get("topic"), 0)
	b.WriteString(r.URL.Path)
	producers.release(r.URL.Query().Get("topic"), 0, b)
}
