package check

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Table shows a class's reports: one row per server, one column per rule,
// then the failures in detail.
func Table(reports []Report) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 1, ' ', 0)
	if len(reports) == 0 {
		return ""
	}
	head := []string{"server"}
	for i := range reports[0].Results {
		head = append(head, fmt.Sprint(i+1))
	}
	head = append(head, "verdict")
	fmt.Fprintln(w, strings.Join(head, "\t"))
	for _, r := range reports {
		row := []string{r.Addr}
		for _, res := range r.Results {
			row = append(row, res.Status.Symbol())
		}
		verdict := "ok"
		if r.Failed() {
			verdict = fmt.Sprintf("%d failed", r.Count(Fail))
		}
		row = append(row, verdict)
		fmt.Fprintln(w, strings.Join(row, "\t"))
	}
	w.Flush()
	b.WriteString("\nrules:\n")
	for i, res := range reports[0].Results {
		fmt.Fprintf(&b, "%3d %s: %s\n", i+1, res.Rule, RuleText(res.Rule))
	}
	for _, r := range reports {
		if !r.Failed() {
			continue
		}
		fmt.Fprintf(&b, "\n%s:\n", r.Addr)
		for _, res := range r.Results {
			if res.Status == Fail {
				for _, l := range res.Lines() {
					b.WriteString("  " + l + "\n")
				}
			}
		}
	}
	return b.String()
}
