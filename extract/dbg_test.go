package extract

import (
	"testing"
	"treatyline/histdate"
)

func TestDbg(t *testing.T) {
	for _, m := range histdate.Find("Симоносекский договор был подписан 17 апреля 1895 года. По", histdate.Options{Lang: "ru"}) {
		t.Logf("%q %d %d", m.Date.Written, m.Start, m.End)
	}
}
