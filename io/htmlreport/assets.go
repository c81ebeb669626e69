package htmlreport

import (
	_ "embed" // the chart library and the page's own files are embedded
)

// The chart library, Apache ECharts, copied unchanged from the npm
// package echarts@6.1.0 (dist/echarts.min.js, LICENSE, NOTICE and
// licenses/LICENSE-d3; the tarball's integrity is
// sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA==).
// TestEChartsPinned checks the file against echartsSHA256.
var (
	//go:embed assets/echarts.min.js
	echartsJS string
	//go:embed assets/LICENSE
	echartsLicense string
	//go:embed assets/NOTICE
	echartsNotice string
	//go:embed assets/LICENSE-d3
	echartsLicenseD3 string
)

const (
	// echartsVersion is the version of the embedded chart library.
	echartsVersion = "6.1.0"
	// echartsSHA256 is the SHA-256 of assets/echarts.min.js as published
	// in the npm package echarts@6.1.0.
	echartsSHA256 = "b66b25aeb4df84e33199dc21694014d336d222cbd9deb0e5a7c14bd6aa0d0fd0"
)

// The page's own style sheet, script and template.
var (
	//go:embed report.css
	pageCSS string
	//go:embed report.js
	pageJS string
	//go:embed report.tmpl
	pageTemplate string
)
