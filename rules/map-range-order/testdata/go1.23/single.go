package fixture

import "fmt"

func printAll(m map[string]int) {
	for k, v := range m { // want "map-range-order"
		fmt.Println(k, v)
	}
}
