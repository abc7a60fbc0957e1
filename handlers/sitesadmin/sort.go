package sitesadmin

import (
	"sort"

	view "github.com/natter/natter/views/sitesadmin"
)

func sortRows(rows []view.Row) {
	sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
}
