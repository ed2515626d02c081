package reg

// A cgo file with hostile flags: with CGO_ENABLED=0 the go command excludes
// it, so neither the flags nor the C code nor this Go code is ever compiled.

/*
#cgo CFLAGS: -MD -MF cgo-flags-ran.d -fplugin=./evil.so
#cgo LDFLAGS: -Wl,--version-script=/etc/passwd -Wl,-plugin=./evil.so
#include <stdlib.h>
static int nothing(void) { return 0; }
*/
import "C"

// FromCgoFile would allocate on the heap if this file were compiled.
func FromCgoFile() *int {
	hostile := int(C.nothing())
	return &hostile
}
