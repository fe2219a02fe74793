package insights

import "testing"

// BenchmarkComputeTenYears computes every finding over ten years of records: about
// 190 sessions with checklists, follow-ups and journal entries, and 3,100 check-ins
// with sleep, stress and four tags. The window asks for well under 20 ms.
func BenchmarkComputeTenYears(b *testing.B) {
	r, now := world{days: 3650}.make(1)
	opt := Options{Now: now}
	b.ReportAllocs()
	for b.Loop() {
		Compute(r, opt)
	}
}

// BenchmarkDailyTenYears is what the year-at-a-glance calendar needs over ten years.
func BenchmarkDailyTenYears(b *testing.B) {
	r, now := world{days: 3650}.make(1)
	opt := Options{Now: now}
	b.ReportAllocs()
	for b.Loop() {
		Daily(r, opt)
	}
}
