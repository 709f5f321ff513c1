package kbsnap

// Decoding a snapshot at a million provisions fills some 650 MB of new
// arrays, and most of the time it took went to the kernel handing them
// over a 4 kB page at a time as they were first written (a page fault
// each: half of it was system time, and the user time fell as well with
// fewer, larger pages). Where transparent huge pages are given on request
// (/sys/kernel/mm/transparent_hugepage/enabled set to madvise, as on the
// machines measured and by default on many distributions), the large
// arrays are asked for 2 MB pages before they are filled (hugePages):
// bench/README.md, "Start: huge pages for the snapshot's arrays". Where
// they are always given this changes nothing, and where never, neither.

// hugeMin is the smallest array worth the advice: a few huge pages.
const hugeMin = 4 << 20

// hugeSpan gives the part of n bytes at address p that whole pages of
// 4 kB cover, as an offset from p and a length (0 for none, or for an
// array under hugeMin): the kernel takes advice for whole pages only.
func hugeSpan(p, n uintptr) (off, length uintptr) {
	const page = 4096
	if n < hugeMin {
		return 0, 0
	}
	start := (p + page - 1) &^ (page - 1)
	end := (p + n) &^ (page - 1)
	if end <= start {
		return 0, 0
	}
	return start - p, end - start
}
