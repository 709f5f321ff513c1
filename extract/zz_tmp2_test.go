package extract

import (
	"fmt"
	"testing"
	"treatyline/internal/gold"
)

func TestTmpPlain(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"a.html", "<!DOCTYPE html><html><head><title>T &amp; x</title><style>p{}</style><script>if (a<b) {}</script></head><body><h1>Treaty of  Aigun</h1><p>Signed <b>28&nbsp;May</b> 1858 at <a href='x>y'>Aigun</a>.<br>Next line</p><ul><li>one</li><li>two</li></ul><!-- c --><pre>  a\n  b</pre><table><tr><td>x</td><td>y</td></tr></table>tail &#233;&eacute;&foo; a < b</body></html>"},
		{"a.md", "# Treaty of *Aigun*\n\nSigned **28 May** 1858 at [Aigun](http://x \"t\").\nNext line with `code` and ![alt text](img.png).\n\n- one\n- two\n  continued\n\n```go\nfunc main() {}\n```\n\n> quote **here**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nsnake_case and 2 * 3 <span>html</span> &amp; [ref]\n\n[ref]: http://x\n"},
	} {
		tx, err := Plain([]byte(c.in), c.name)
		fmt.Printf("%s %v %q\n", tx.Format, err, tx.Text)
		for i, r := range []rune(tx.Text) {
			s, e := tx.OrigSpan(i, i+1)
			_ = r
			if i < 0 {
				fmt.Println(s, e)
			}
		}
	}
	_, corpus, _ := gold.Shared(t)
	for id, text := range corpus {
		for _, s := range Sentences(text, "") {
			r := []rune(text)
			fmt.Printf("%s %q\n", id[:3], string(r[s[0]:s[1]]))
		}
	}
}
