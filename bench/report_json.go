package bench

import (
	"encoding/json"
	"io"
)

// WriteJSON writes reports as indented JSON: one report as an object, more
// (a comparison) as an array in run order. Field order is fixed and
// numbers are rounded, so the same runs and seed give the same bytes.
func WriteJSON(w io.Writer, reports ...*Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(reports) == 1 {
		return enc.Encode(reports[0])
	}
	if reports == nil {
		reports = []*Report{}
	}
	return enc.Encode(reports)
}
