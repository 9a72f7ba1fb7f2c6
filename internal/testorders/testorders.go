// Package testorders makes order files for tests of a whole batch: many
// orders that differ only in their order number, written as the CSV
// example's first line is.
package testorders

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
)

// exampleOrderNo is the order number of the first line of
// examples/orders.csv, replaced in each line written.
const exampleOrderNo = "CSV-24-201"

// CSV returns a CSV order file of one-line orders, one per order number,
// each the first order line of the CSV example at example (the path of
// examples/orders.csv from the test's folder) under another number.
func CSV(example string, orderNos ...string) ([]byte, error) {
	f, err := os.Open(example)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	header := sc.Text()
	sc.Scan()
	line := sc.Text()
	rest, ok := strings.CutPrefix(line, exampleOrderNo+",")
	if !ok {
		return nil, fmt.Errorf("%s: first line is not order %s: %s", example, exampleOrderNo, line)
	}
	var b bytes.Buffer
	b.WriteString(header + "\n")
	for _, no := range orderNos {
		b.WriteString(`"` + strings.ReplaceAll(no, `"`, `""`) + `",` + rest + "\n")
	}
	return b.Bytes(), nil
}
