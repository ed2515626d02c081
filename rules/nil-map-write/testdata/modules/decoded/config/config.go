// Package config loads the configuration from JSON. Comment.Columns is only
// ever filled by the decoder; Rule.Labels gets a default map after loading.
package config

import (
	"encoding/json"
	"os"
)

type Config struct {
	Comments []Comment `json:"comments"`
	Rules    []*Rule   `json:"rules"`
	Extra    Extra     `json:"extra"`
}

type Comment struct {
	Table   string            `json:"table"`
	Columns map[string]string `json:"columns"`
}

type Rule struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
}

type Extra struct {
	Hidden map[string]bool `json:"-"`
}

func (c *Config) Load(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, c); err != nil {
		return err
	}
	for _, r := range c.Rules {
		r.Labels = map[string]string{}
	}
	return nil
}
