// Package data is the curated knowledge base that ships with treatyline:
// human-editable YAML files (docs/data-format.md), embedded in the binary.
// The corpus texts themselves are not here: the knowledge base cites them
// by id, hash and short quotes.
package data

import "embed"

// FS holds sources.yaml and the entities, claims and provisions folders.
//
//go:embed sources.yaml entities claims provisions
var FS embed.FS
