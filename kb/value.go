package kb

import (
	"encoding/json"
	"fmt"
	"strconv"

	"treatyline/histdate"
	"treatyline/quantity"
)

// ValueType is the type of a claim's value.
type ValueType string

// Value types.
const (
	TEntity   ValueType = "entity"
	TDate     ValueType = "date"
	TQuantity ValueType = "quantity"
	TText     ValueType = "text"
	TBool     ValueType = "bool"
)

// Value is what a claim says: an entity, a historical date or a quantity
// as written, a text, or a truth value. Dates and quantities keep the text
// as written (and, for dates, the calendar of unmarked figures and the
// language); their meaning is read by histdate and quantity.
type Value struct {
	Type     ValueType         `json:"type"`
	Entity   string            `json:"entity,omitempty"`
	Text     string            `json:"text,omitempty"` // the text, or a date or quantity as written
	Calendar histdate.Calendar `json:"calendar,omitempty"`
	Lang     string            `json:"lang,omitempty"`
	Bool     bool              `json:"bool,omitempty"`
}

// EntityValue, DateValue, QuantityValue, TextValue and BoolValue make values.
func EntityValue(id string) Value { return Value{Type: TEntity, Entity: id} }

// DateValue makes a date value as written.
func DateValue(written string, cal histdate.Calendar, lang string) Value {
	return Value{Type: TDate, Text: written, Calendar: cal, Lang: lang}
}

// QuantityValue makes a quantity value as written.
func QuantityValue(written, lang string) Value {
	return Value{Type: TQuantity, Text: written, Lang: lang}
}

// TextValue makes a text value.
func TextValue(s string) Value { return Value{Type: TText, Text: s} }

// BoolValue makes a truth value.
func BoolValue(b bool) Value { return Value{Type: TBool, Bool: b} }

// Date reads a date value.
func (v Value) Date() (histdate.Date, error) {
	if v.Type != TDate {
		return histdate.Date{}, fmt.Errorf("not a date value")
	}
	return histdate.Parse(v.Text, histdate.Options{Lang: v.Lang, Calendar: v.Calendar})
}

// Quantity reads a quantity value.
func (v Value) Quantity() (quantity.Quantity, error) {
	if v.Type != TQuantity {
		return quantity.Quantity{}, fmt.Errorf("not a quantity value")
	}
	return quantity.Parse(v.Text, quantity.Options{Lang: v.Lang})
}

// Validate checks that the value is well formed and that dates and
// quantities read.
func (v Value) Validate() error {
	switch v.Type {
	case TEntity:
		if v.Entity == "" {
			return fmt.Errorf("entity value without an id")
		}
	case TDate:
		if _, err := v.Date(); err != nil {
			return err
		}
	case TQuantity:
		if _, err := v.Quantity(); err != nil {
			return err
		}
	case TText:
		if v.Text == "" {
			return fmt.Errorf("empty text value")
		}
	case TBool:
	default:
		return fmt.Errorf("unknown value type %q", v.Type)
	}
	return nil
}

// String gives the value for people: an entity id, a date or quantity as
// written, a text, "true" or "false".
func (v Value) String() string {
	switch v.Type {
	case TEntity:
		return v.Entity
	case TBool:
		return strconv.FormatBool(v.Bool)
	case TDate:
		if v.Calendar != "" {
			return v.Text + " (" + string(v.Calendar) + ")"
		}
	}
	return v.Text
}

// Report is the machine-readable form of a value, with its reading: a
// date's EDTF and Gregorian days, a quantity's canonical amount.
func (v Value) Report() json.RawMessage {
	m := map[string]any{"type": v.Type}
	switch v.Type {
	case TEntity:
		m["entity"] = v.Entity
	case TBool:
		m["bool"] = v.Bool
	case TText:
		m["text"] = v.Text
	case TDate:
		m["written"] = v.Text
		if d, err := v.Date(); err == nil {
			m["date"] = d.Report()
		}
	case TQuantity:
		m["written"] = v.Text
		if q, err := v.Quantity(); err == nil {
			m["quantity"] = q.Report()
		}
	}
	b, _ := json.Marshal(m)
	return b
}
