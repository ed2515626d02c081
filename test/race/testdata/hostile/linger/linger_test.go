// Leaves a child running in its own session: nothing may outlive the run.
package linger

import (
	"os/exec"
	"syscall"
	"testing"
)

func TestLeaveChild(t *testing.T) {
	cmd := exec.Command("sleep", "987654")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("could not start the child: %v", err)
	}
	t.Logf("left child %d running", cmd.Process.Pid)
}
