// Package csi estimates satisfaction index models (顾客满意度指数模型): the
// national customer satisfaction indices — the American ACSI, the European
// ECSI, China's CCSI of GB/T 19038 — do not average items; they estimate
// a model of latent variables (constructs: image, expectation, perceived
// quality, perceived value, satisfaction, complaints, loyalty), each
// measured by a few questions of the survey form, and report every
// construct as an index on 0–100 together with the paths between them.
//
// # The model
//
// A [Model] is data: [Construct]s with their indicators (items of the
// survey form, on any scale) and the [Path]s between constructs, validated
// on construction (every construct measured and on a path, names unique,
// no cycle). [ECSI] and [ACSI] are predefined; [ParseModel] reads a
// user's own from lavaan-style text or JSON.
//
// # Estimation
//
// [Estimate] runs PLS path modelling (Wold; Lohmöller 1989; Tenenhaus et
// al. 2005): standardised indicators, Mode A outer weights, path
// (default), centroid or factorial inner weighting, iterated until no
// outer weight changes by the tolerance (10⁻⁷) — a maximum number of
// iterations reached is an error — then path coefficients by least
// squares, R², loadings and cross-loadings, total effects. It reads the
// exact co-moments of [form.Stats], so statistics merged from any shards
// in any order give the same estimates bit for bit, and it never holds
// the forms. The algorithm converges to a fixed point of a non-linear
// map: its figures are not exact fractions as csat's other results are.
// The co-moments are exact; the iteration runs in 128-bit binary floating
// point (math/big.Float) and every figure is rounded to [Places] decimal
// places, half to even.
//
// Missing values ([Missing]): [MeanReplacement] (the default) replaces a
// blank by the indicator's mean, [Casewise] deletes the forms with a
// blank; [Estimates] give the forms used and each indicator's blanks.
//
// # The index
//
// Each construct's index is Σ w̃ᵢ (x̄ᵢ − min)/(max − min) × 100 over its
// indicators, where x̄ᵢ is the indicator's mean, min and max the scale's
// lowest and highest points, and w̃ᵢ the unstandardised outer weights
// (weight over standard deviation) rescaled to sum to one: the ACSI's
// (x̄ − 1)/9 × 100 on a 1–10 scale when weights are equal.
//
// # Quality of the instrument
//
// Per construct Cronbach's α (of the standardised indicators), composite
// reliability ρc and AVE, with the usual thresholds flagged (α, ρc ≥ 0.7;
// AVE ≥ 0.5); per pair of constructs the HTMT ratio, flagged above 0.85
// (or Options.HTMTLimit); per indicator the cross-loadings.
//
// # Uncertainty
//
// [Bootstrap] resamples the forms held in [Data] (the one part of the
// package that needs the forms themselves) and gives percentile intervals
// and standard errors of paths, outer weights and indices. Each resample
// has its own seeded generator, so the intervals are the same for any
// number of goroutines; a resample on which the model cannot be estimated
// (an indicator with one answer only) is drawn again and counted, never a
// crash or a hang.
//
// # Importance–performance map
//
// [IPMA] sets each construct's unstandardised total effect on a target
// (by default the final construct, loyalty) against its index: which
// driver gains the target most per point, and how well it does.
//
// Reference: on the ECSI mobile-phone data of R's semPLS package (n = 250),
// the estimates agree with SmartPLS's published path coefficients to 10⁻⁵
// (tests), and every figure agrees with an independent implementation on
// the forms' rows to 10⁻⁸; reliability and HTMT with seminr's recorded
// output.
package csi
