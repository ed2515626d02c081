// The Database has no mutex of its own: the package-level dbMutex is held around every change
// of Users. FindUser reads the map without it, from request goroutines, while the cleanup
// goroutine deletes stale users under the lock, so the read races with the delete.
package main

import (
	"fmt"
	"sync"
	"time"
)

var dbMutex = &sync.Mutex{}

type User struct{ last time.Time }

type Database struct {
	Users map[string]User
}

func NewDatabase() *Database {
	db := &Database{Users: map[string]User{}}
	go func() {
		for i := 0; i < 2000; i++ {
			db.cleanup()
		}
	}()
	return db
}

func (db *Database) AddUser(name string) {
	dbMutex.Lock()
	db.Users[name] = User{last: time.Now()}
	dbMutex.Unlock()
}

func (db *Database) cleanup() {
	dbMutex.Lock()
	for name := range db.Users {
		if len(name)%2 == 0 {
			delete(db.Users, name)
		}
	}
	dbMutex.Unlock()
}

func (db *Database) FindUser(name string) bool {
	_, ok := db.Users[name] // want "unguarded-map-field"
	return ok
}

func main() {
	db := NewDatabase()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			db.AddUser(fmt.Sprint("u", i%40))
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 2000; i++ {
			_ = db.FindUser(fmt.Sprint("u", i%40))
		}
	}()
	wg.Wait()
	fmt.Println("done")
}
