package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"treatyline/kb"
)

// jsonldContext is the context of the JSON-LD export, written inline so
// that a processor needs nothing from the network: schema.org for
// sources, entities and claims, the W3C Web Annotation vocabulary for the
// evidence, and treatyline's own vocabulary (tlv:) for the properties,
// qualifiers and provision fields that neither has.
func jsonldContext(base string) map[string]any {
	return map[string]any{
		"schema": "https://schema.org/",
		"oa":     "http://www.w3.org/ns/oa#",
		"xsd":    "http://www.w3.org/2001/XMLSchema#",
		"tl":     base,
		"tlv":    base + "vocab/",
	}
}

// schemaTypes gives the schema.org type of each kind of entity.
var schemaTypes = map[kb.Kind]string{
	kb.KindTreaty: "schema:Legislation", kb.KindPolity: "schema:Country", kb.KindPerson: "schema:Person",
	kb.KindTerritory: "schema:AdministrativeArea", kb.KindRiver: "schema:RiverBodyOfWater", kb.KindCity: "schema:City",
	kb.KindPort: "schema:Place", kb.KindRegion: "schema:Place", kb.KindEvent: "schema:Event", kb.KindRange: "schema:Mountain",
	kb.KindSea: "schema:SeaBodyOfWater",
}

// writeJSONLD writes one JSON-LD document whose @graph holds, as they
// stream, each claim (a schema:Claim about its subject) and provision,
// each followed by a Web Annotation per piece of evidence that links it
// (oa:hasBody) to the words of its source (oa:hasTarget, with a
// TextQuoteSelector and a TextPositionSelector); then the entities and
// the sources they name.
func writeJSONLD(ctx context.Context, w *bufio.Writer, r Reader, o Options) error {
	base := o.base()
	ew := &errWriter{w: w}
	cb, _ := json.Marshal(jsonldContext(base))
	ew.printf(`{"@context":%s,"@graph":[`, cb)
	node := ew.element
	id := func(s string) map[string]string { return map[string]string{"@id": base + s} }
	annotations := func(owner string, ev []kb.Evidence) error {
		for i, e := range ev {
			sel := []map[string]any{
				{"@type": "oa:TextQuoteSelector", "oa:exact": e.Quote.Exact},
				{"@type": "oa:TextPositionSelector", "oa:start": e.Position.Start, "oa:end": e.Position.End},
			}
			if e.Quote.Prefix != "" {
				sel[0]["oa:prefix"] = e.Quote.Prefix
			}
			if e.Quote.Suffix != "" {
				sel[0]["oa:suffix"] = e.Quote.Suffix
			}
			a := map[string]any{"@id": fmt.Sprintf("%s%s#evidence-%d", base, owner, i), "@type": "oa:Annotation",
				"oa:motivatedBy": map[string]string{"@id": "oa:linking"},
				"oa:hasBody":     id(owner),
				"oa:hasTarget": map[string]any{"@type": "oa:SpecificResource", "oa:hasSource": id("source/" + e.Source),
					"oa:hasSelector": sel},
			}
			if e.SHA256 != "" {
				a["tlv:sha256"] = e.SHA256
			}
			if err := node(a); err != nil {
				return err
			}
		}
		return nil
	}
	named := newRefs(o)
	err := r.eachClaim(ctx, o, func(c kb.Claim) error {
		named.claim(c)
		cl := map[string]any{"@id": base + "claim/" + c.ID, "@type": "schema:Claim", "schema:about": id(c.Subject),
			"tlv:property": map[string]string{"@id": "tlv:" + c.Property}, "tlv:value": ldValue(base, c.Value),
			"tlv:status": string(c.Status), "tlv:rank": string(c.Rank), "schema:identifier": c.ID,
			"schema:dateCreated": map[string]string{"@value": c.RecordedAt.UTC().Format("2006-01-02T15:04:05Z"), "@type": "xsd:dateTime"},
			"schema:text":        fmt.Sprintf("%s %s %s", c.Subject, c.Property, c.Value.String())}
		if p, ok := kb.Properties[c.Property]; ok && strings.HasPrefix(p.Wikidata, "P") {
			cl["tlv:wikidataProperty"] = map[string]string{"@id": "http://www.wikidata.org/prop/direct/" + p.Wikidata}
		}
		if c.RecordedBy != "" {
			cl["schema:author"] = c.RecordedBy
		}
		if c.Note != "" {
			cl["schema:comment"] = c.Note
		}
		if len(c.Qualifiers) > 0 {
			var qs []map[string]any
			for _, name := range slices.Sorted(maps.Keys(c.Qualifiers)) {
				qs = append(qs, map[string]any{"tlv:name": name, "tlv:value": ldValue(base, c.Qualifiers[name])})
			}
			cl["tlv:qualifier"] = qs
		}
		if err := node(cl); err != nil {
			return err
		}
		return annotations("claim/"+c.ID, c.Evidence)
	})
	if err != nil {
		return err
	}
	dates, err := r.treatyDates(ctx, o)
	if err != nil {
		return err
	}
	err = r.eachProvision(ctx, o, dates, func(p kb.Provision) error {
		named.provision(p)
		pr := map[string]any{"@id": base + "provision/" + p.ID, "@type": "tlv:Provision", "schema:isPartOf": id(p.Treaty),
			"tlv:type": p.Type, "tlv:status": string(p.Status), "tlv:rank": string(p.Rank), "schema:identifier": p.ID}
		for field, l := range map[string][]string{"tlv:grantor": p.Grantors, "tlv:grantee": p.Grantees, "tlv:object": p.Objects, "tlv:excludes": p.Excludes} {
			if len(l) > 0 {
				var ids []map[string]string
				for _, x := range l {
					ids = append(ids, id(x))
				}
				pr[field] = ids
			}
		}
		if p.Article != "" {
			pr["tlv:article"] = p.Article
		}
		if p.Limits != "" {
			pr["tlv:limits"] = p.Limits
		}
		if p.Amount != nil {
			pr["tlv:amount"] = ldValue(base, *p.Amount)
		}
		if p.Exclusive {
			pr["tlv:exclusive"] = true
		}
		if p.Note != "" {
			pr["schema:comment"] = p.Note
		}
		if err := node(pr); err != nil {
			return err
		}
		return annotations("provision/"+p.ID, p.Evidence)
	})
	if err != nil {
		return err
	}
	err = r.eachEntity(ctx, o, named, func(e kb.Entity) error {
		en := map[string]any{"@id": base + e.ID, "@type": schemaTypes[e.Kind], "schema:identifier": e.ID, "tlv:kind": string(e.Kind)}
		var nm []map[string]string
		for _, lang := range slices.Sorted(maps.Keys(e.Labels)) {
			nm = append(nm, map[string]string{"@value": e.Labels[lang], "@language": lang})
		}
		en["schema:name"] = nm
		var alt []map[string]string
		for _, a := range e.Aliases {
			v := map[string]string{"@value": a.Text}
			if a.Lang != "" {
				v["@language"] = a.Lang
			}
			alt = append(alt, v)
		}
		if len(alt) > 0 {
			en["schema:alternateName"] = alt
		}
		if e.Description != "" {
			en["schema:description"] = e.Description
		}
		if e.Wikidata != "" {
			en["schema:sameAs"] = map[string]string{"@id": "http://www.wikidata.org/entity/" + e.Wikidata}
		}
		return node(en)
	})
	if err != nil {
		return err
	}
	srcs, err := r.sources(ctx, o, false)
	if err != nil {
		return err
	}
	for _, s := range srcs {
		sn := map[string]any{"@id": base + "source/" + s.ID, "@type": "schema:CreativeWork", "schema:identifier": s.ID,
			"tlv:sha256": s.SHA256}
		if s.Title != "" {
			sn["schema:name"] = s.Title
		}
		if s.Language != "" {
			sn["schema:inLanguage"] = s.Language
		}
		if strings.HasPrefix(s.Origin, "http://") || strings.HasPrefix(s.Origin, "https://") {
			sn["schema:url"] = map[string]string{"@id": s.Origin}
		} else if s.Origin != "" {
			sn["tlv:origin"] = s.Origin
		}
		if err := node(sn); err != nil {
			return err
		}
	}
	ew.printf("\n]}\n")
	return ew.err
}

// ldValue writes a claim's value: an entity as a node reference, a date
// or quantity as written (with its calendar and language where given),
// text, or a boolean.
func ldValue(base string, v kb.Value) any {
	switch v.Type {
	case kb.TEntity:
		return map[string]string{"@id": base + v.Entity}
	case kb.TBool:
		return v.Bool
	case kb.TDate:
		m := map[string]any{"@type": "tlv:Date", "tlv:written": v.Text}
		if v.Calendar != "" {
			m["tlv:calendar"] = string(v.Calendar)
		}
		if d, err := v.Date(); err == nil {
			m["tlv:edtf"] = d.EDTF()
		}
		return m
	case kb.TQuantity:
		return map[string]any{"@type": "tlv:Quantity", "tlv:written": v.Text}
	}
	if v.Lang != "" {
		return map[string]string{"@value": v.Text, "@language": v.Lang}
	}
	return v.Text
}
