package htmlreport_test

import (
	"bytes"
	"fmt"
	"html"
	"log"
	"regexp"
	"time"

	"github.com/csatkit/csat"
	"github.com/csatkit/csat/analysis"
	"github.com/csatkit/csat/io/htmlreport"
)

// A report of the method's worked survey (25 answers: 10 very satisfied,
// 5 satisfied, 6 basically satisfied, 3 dissatisfied, 1 very
// dissatisfied) with a self-assessment of 50 answers (20, 20, 5, 5, 0),
// rendered in Chinese. The page's headline cards show the 40/60 blend
// 0.4×82% + 0.6×76% = 78.4% and 0.4×90% + 0.6×84% = 86.4%, then the
// survey's 76.0% and 84.0% (one decimal place by default).
func ExampleRender() {
	tab := csat.NewTable(csat.FivePoint())
	for source, counts := range map[string][]uint64{
		csat.SourceSurvey: {10, 5, 6, 3, 1},
		csat.SourceSelf:   {20, 20, 5, 5, 0},
	} {
		for level, n := range counts { // level 0 is 很满意
			if err := tab.AddN("全部项目", source, level, n); err != nil {
				log.Fatal(err)
			}
		}
	}
	rep, err := analysis.Build(analysis.Input{Period: "2026H1", Table: tab})
	if err != nil {
		log.Fatal(err)
	}
	var page bytes.Buffer
	err = htmlreport.Render(&page, rep, htmlreport.Options{
		Organisation: "华东精密机械有限公司",
		Generated:    time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	h1 := regexp.MustCompile(`<h1>(.*?)</h1>`).FindStringSubmatch(page.String())
	fmt.Println(h1[1])
	cards := regexp.MustCompile(`<div class="card-label">(.*?)</div><div class="card-value">(.*?)</div>`)
	for _, m := range cards.FindAllStringSubmatch(page.String(), -1) {
		fmt.Println(m[1], html.UnescapeString(m[2]))
	}
	// Output:
	// 客户满意度检查分析报告
	// 整体满意度 78.4%
	// 整体满意率 86.4%
	// 检查满意度 76.0%
	// 检查满意率 84.0%
}
