package main

import (
	"flag"
	"io"

	"treatyline/internal/report"
)

// jsonFlag is a command's --json and --pretty: --json prints compact JSON,
// one value a program reads (the bytes the API answers with); --pretty
// prints it indented, for a person to read, and implies --json.
type jsonFlag struct{ json, pretty bool }

// jsonFlags registers --json and --pretty on a command's flags.
func jsonFlags(fs *flag.FlagSet) *jsonFlag {
	j := &jsonFlag{}
	fs.BoolVar(&j.json, "json", false, "print JSON (compact: the API's bytes)")
	fs.BoolVar(&j.pretty, "pretty", false, "print JSON indented, for reading (implies --json)")
	return j
}

// on reports whether the command prints JSON.
func (j *jsonFlag) on() bool { return j.json || j.pretty }

// write prints v as the flags ask.
func (j *jsonFlag) write(w io.Writer, v any) error {
	if j.pretty {
		return report.WritePrettyJSON(w, v)
	}
	return report.WriteJSON(w, v)
}
