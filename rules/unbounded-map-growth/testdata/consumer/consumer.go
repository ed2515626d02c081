package consumer

import (
	"sync"
	"time"
)

var (
	seenMu sync.Mutex
	seen   = map[string]int{}
	acked  = map[string]int{}
)

func start(c *Conn) error {
	return c.Subscribe("orders", func(m *Message) {
		seenMu.Lock()
		seen[m.ID]++ // want "unbounded-map-growth"
		acked[m.ID]++
		seenMu.Unlock()
		defaultTracer.start(m.ID)
	})
}

// Near miss: acknowledged messages are dropped again.
func ack(c *Conn) error {
	return c.Subscribe("acks", func(m *Message) {
		seenMu.Lock()
		delete(acked, m.ID)
		seenMu.Unlock()
	})
}

// tracer is reached through the package variable defaultTracer.
type tracer struct {
	mu    sync.Mutex
	spans map[string]time.Time
}

func newTracer() *tracer { return &tracer{spans: map[string]time.Time{}} }

var defaultTracer = newTracer()

func (t *tracer) start(traceID string) {
	t.mu.Lock()
	t.spans[traceID] = time.Now() // want "unbounded-map-growth"
	t.mu.Unlock()
}

// orderHandler is called by the consumer library once per message.
type orderHandler struct {
	mu      sync.Mutex
	byOrder map[string][]byte
	recent  map[string][]byte
	byTopic map[string]int
}

var handler = &orderHandler{byOrder: map[string][]byte{}, recent: map[string][]byte{}, byTopic: map[string]int{}}

func (h *orderHandler) HandleMessage(m *Message) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.byOrder[m.ID] = m.Body // want "unbounded-map-growth"
	// Near miss: a size cap rebuilds the map.
	if len(h.recent) >= 1024 {
		h.recent = map[string][]byte{}
	}
	h.recent[m.ID] = m.Body
	return nil
}

// Near miss: a map local to one message dies with it.
func (h *orderHandler) HandleEvent(m *Message) error {
	fields := map[string]string{}
	fields[m.ID] = m.Topic
	_ = fields
	return nil
}

// Near miss: keys from a fixed set of topics.
const (
	topicOrders = "orders"
	topicAcks   = "acks"
)

func (h *orderHandler) countTopics(c *Conn) error {
	return c.Subscribe(topicOrders, func(m *Message) {
		h.mu.Lock()
		h.byTopic[topicOrders]++
		h.mu.Unlock()
	})
}

var _ = handler.countTopics
var _ = ack
var _ = topicAcks
