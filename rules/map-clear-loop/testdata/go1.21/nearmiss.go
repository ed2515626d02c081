package testdata

import "fmt"

// Near misses: loops that do more than delete, delete from another map,
// delete a different key, or range something that is not a map.

func filtered(m map[string]int) {
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
	}
}

func logged(m map[string]int) {
	for k := range m {
		fmt.Println(k)
		delete(m, k)
	}
}

func other(a, b map[string]int) {
	for k := range a {
		delete(b, k)
	}
}

func keysFromSlice(m map[string]int, keys []string) {
	for _, k := range keys {
		delete(m, k)
	}
}

func indexOnly(m map[int]int, s []int) {
	for i := range s {
		delete(m, i)
	}
}
