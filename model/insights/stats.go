package insights

import (
	"cmp"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// The tails the interval leaves out on each side, (1 - Level)/2, written out: worked
// out in floating point, the upper one would end a resample further out than the
// lower one.
const (
	lowerTail = 0.05
	upperTail = 0.95
)

// exactPermutations is the most splits the permutation test goes through one by
// one; with more, it draws Resamples of them at random.
const exactPermutations = 20000

// newRNG is the generator of one comparison: the seed and the comparison's ID decide
// it, so a comparison's numbers do not change when another one is added.
func newRNG(seed uint64, id string) *source {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	return &source{rand.NewPCG(seed, h.Sum64())}
}

// source draws random indexes fast: each 64-bit output of the PCG generator gives
// two, each mapped onto [0, n) by multiplying its 32 bits by n (D. Lemire's method
// without the rejection step, off by at most n/2^32 in probability: nothing at the
// sizes here). Resampling is mostly drawing indexes.
type source struct{ pcg *rand.PCG }

// pair returns two random indexes below n.
func (s *source) pair(n int) (int, int) {
	u, m := s.pcg.Uint64(), uint64(n) // #nosec G115 -- n is a group size, positive
	return int((u & 0xffffffff) * m >> 32), int((u >> 32) * m >> 32)
}

// intn returns one random index below n.
func (s *source) intn(n int) int { return int((s.pcg.Uint64() >> 32) * uint64(n) >> 32) } // #nosec G115 -- n is a group size; the result is below it

// bootstrapDiff returns Resamples differences of means, mean(a*) - mean(b*), each
// group resampled with replacement at its own size, sorted.
func bootstrapDiff(a, b []float64, rng *source) []float64 {
	reps := make([]float64, Resamples)
	for r := range reps {
		reps[r] = resampledMean(a, rng) - resampledMean(b, rng)
	}
	slices.Sort(reps)
	return reps
}

func resampledMean(xs []float64, rng *source) float64 {
	var sum float64
	n := len(xs)
	i := 0
	for ; i+1 < n; i += 2 {
		j, k := rng.pair(n)
		sum += xs[j] + xs[k]
	}
	if i < n {
		sum += xs[rng.intn(n)]
	}
	return sum / float64(n)
}

// weekCell is one week's days on each side of a day comparison: the sum of the
// days' moods and the number of days, with and without the factor.
type weekCell struct{ sw, nw, so, no float64 }

// weekBootstrap resamples whole weeks: each of Resamples draws picks as many weeks
// as there are, with replacement, the same weeks for every comparison, and gives
// each comparison's difference of the mean daily moods. A draw that leaves a side
// of a comparison without days gives that comparison nothing. Each result is sorted.
func weekBootstrap(cells [][]weekCell, rng *source) [][]float64 {
	reps := make([][]float64, len(cells))
	for f := range reps {
		reps[f] = make([]float64, 0, Resamples)
	}
	if len(cells) == 0 || len(cells[0]) == 0 {
		return reps
	}
	k := len(cells[0])
	idx := make([]int32, k)
	for range Resamples {
		i := 0
		for ; i+1 < k; i += 2 {
			a, b := rng.pair(k)
			idx[i], idx[i+1] = int32(a), int32(b) // #nosec G115 -- indexes below a group size
		}
		if i < k {
			idx[i] = int32(rng.intn(k)) // #nosec G115 -- an index below a group size
		}
		for f, cs := range cells {
			var c weekCell
			for _, w := range idx {
				x := &cs[w]
				c.sw += x.sw
				c.nw += x.nw
				c.so += x.so
				c.no += x.no
			}
			if c.nw > 0 && c.no > 0 {
				reps[f] = append(reps[f], c.sw/c.nw-c.so/c.no)
			}
		}
	}
	for f := range reps {
		slices.Sort(reps[f])
	}
	return reps
}

// intervalAndP reads the percentile interval at Level off sorted resampled
// differences, and the p-value that goes with it: twice the smaller share of
// resamples on either side of 0 (counting the data itself once, so never 0). The
// interval leaves out 0 about when p < 1 - Level.
func intervalAndP(sorted []float64) (Interval, float64) {
	if len(sorted) == 0 {
		return Interval{Low: math.Inf(-1), High: math.Inf(1)}, 1
	}
	iv := Interval{
		Low:  stat.Quantile(lowerTail, stat.Empirical, sorted, nil),
		High: stat.Quantile(upperTail, stat.Empirical, sorted, nil),
	}
	n := len(sorted)
	atMost0 := sort.Search(n, func(i int) bool { return sorted[i] > 0 })
	atLeast0 := n - sort.Search(n, func(i int) bool { return sorted[i] >= 0 })
	p := 2 * float64(min(atMost0, atLeast0)+1) / float64(n+1)
	return iv, min(p, 1)
}

// permutationP is the two-sided p-value of a permutation test of the difference of
// the means of a and b: the share of the ways of splitting all the values into
// groups of the same sizes whose difference is at least as far from 0 as the data's.
// Up to exactPermutations splits it takes every one; beyond, Resamples random ones
// (counting the data itself once).
func permutationP(a, b []float64, rng *source) float64 {
	pooled := append(slices.Clone(a), b...)
	n, k := len(pooled), len(a)
	var total float64
	for _, v := range pooled {
		total += v
	}
	sumA := 0.0
	for _, v := range a {
		sumA += v
	}
	diff := func(s float64) float64 { return s/float64(k) - (total-s)/float64(n-k) }
	obs := math.Abs(diff(sumA))
	tol := 1e-9 * math.Max(1, obs)
	extreme := func(s float64) bool { return math.Abs(diff(s)) >= obs-tol }

	if c, ok := binomial(n, k); ok && c <= exactPermutations {
		hits, all := 0, 0
		var walk func(start, left int, sum float64)
		walk = func(start, left int, sum float64) {
			if left == 0 {
				all++
				if extreme(sum) {
					hits++
				}
				return
			}
			for i := start; i <= n-left; i++ {
				walk(i+1, left-1, sum+pooled[i])
			}
		}
		walk(0, k, 0)
		return float64(hits) / float64(all)
	}

	// Draw the smaller group: its complement is a random group of the other size.
	m := min(k, n-k)
	hits := 0
	for range Resamples {
		var s float64
		for i := range m {
			j := i + rng.intn(n-i)
			pooled[i], pooled[j] = pooled[j], pooled[i]
			s += pooled[i]
		}
		if m != k {
			s = total - s
		}
		if extreme(s) {
			hits++
		}
	}
	return float64(hits+1) / float64(Resamples+1)
}

// binomial is n choose k, false when it passes a million.
func binomial(n, k int) (int, bool) {
	k = min(k, n-k)
	c := 1
	for i := 1; i <= k; i++ {
		c = c * (n - k + i) / i
		if c > 1_000_000 {
			return 0, false
		}
	}
	return c, true
}

// adjustBH returns the Benjamini-Hochberg adjusted p-values of ps, in their order:
// the smallest false discovery rate at which each would be rejected.
func adjustBH(ps []float64) []float64 {
	m := len(ps)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(ps[i], ps[j]) })
	adj := make([]float64, m)
	run := 1.0
	for r := m - 1; r >= 0; r-- {
		i := order[r]
		run = min(run, ps[i]*float64(m)/float64(r+1))
		adj[i] = run
	}
	return adj
}
