// probe runs inside the sandbox in tests and reports what it can see and do.
// Modes: env | id | dial ADDR | write PATH | read PATH | spam BYTES | hang | spawn N | sleep
package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Println("usage: probe MODE [ARG]")
		os.Exit(2)
	}
	arg := ""
	if len(os.Args) > 2 {
		arg = os.Args[2]
	}
	switch os.Args[1] {
	case "env":
		for _, kv := range os.Environ() {
			fmt.Println(kv)
		}
	case "id":
		fmt.Printf("uid=%d gid=%d\n", os.Getuid(), os.Getgid())
	case "dial":
		c, err := net.DialTimeout("tcp", arg, 2*time.Second)
		if err != nil {
			fmt.Println("dial error:", err)
			return
		}
		c.Close()
		fmt.Println("dial ok")
	case "write":
		if err := os.WriteFile(arg, []byte("x"), 0o644); err != nil {
			fmt.Println("write error:", err)
			return
		}
		fmt.Println("write ok")
	case "read":
		if _, err := os.ReadFile(arg); err != nil {
			fmt.Println("read error:", err)
			return
		}
		fmt.Println("read ok")
	case "spam":
		n, _ := strconv.Atoi(arg)
		line := strings.Repeat("y", 1023) + "\n"
		for i := 0; i < n; i += len(line) {
			os.Stdout.WriteString(line)
		}
	case "hang":
		child := exec.Command(os.Args[0], "sleep")
		if err := child.Start(); err != nil {
			fmt.Println("start error:", err)
		}
		fmt.Println("hanging")
		time.Sleep(time.Hour)
	case "spawn":
		n, _ := strconv.Atoi(arg)
		started := 0
		var firstErr error
		for i := 0; i < n; i++ {
			c := exec.Command(os.Args[0], "sleep")
			if err := c.Start(); err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			started++
		}
		fmt.Printf("spawned %d of %d; first error: %v\n", started, n, firstErr)
	case "sleep":
		time.Sleep(time.Hour)
	}
}
