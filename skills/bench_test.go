package skills

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"
)

func benchmarkReadCSV(b *testing.B, n, k int) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Synthetic(n, k, 1, SyntheticOptions{})); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadCSV(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadCSV1000x50(b *testing.B)   { benchmarkReadCSV(b, 1000, 50) }
func BenchmarkReadCSV10000x200(b *testing.B) { benchmarkReadCSV(b, 10000, 200) }
func BenchmarkSynthetic100000x200(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Synthetic(100000, 200, 1, SyntheticOptions{})
	}
}

func BenchmarkReadJSON10000x200(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Synthetic(10000, 200, 1, SyntheticOptions{})); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadJSON(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadXLSX10000x200(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, Synthetic(10000, 200, 1, SyntheticOptions{})); err != nil {
		b.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	data := xlsxBytes(b, "Sheet1", rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadXLSX(bytes.NewReader(data), ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// surveyExport is a Google Forms-style export of n people and k skills:
// metadata, grid questions and word answers, read through a mapping.
func surveyExport(n, k int) []byte {
	var b bytes.Buffer
	b.WriteString("Timestamp,Email Address,Full name,Department,Any comments?")
	for j := 0; j < k; j++ {
		fmt.Fprintf(&b, ",Skill %d [I can teach],Skill %d [I want to learn]", j, j)
	}
	b.WriteString("\r\n")
	words := []string{"No", "Beginner", "Somewhat", "Intermediate", "Advanced", "Expert", "Yes", "", "3"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "2027/01/04 9:%02d:00 AM GMT+1,p%05d@example.org,Person %d,Dept %d,", i%60, i, i, i%25)
		for j := 0; j < 2*k; j++ {
			b.WriteByte(',')
			b.WriteString(words[(i*7+j*3)%len(words)])
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

var benchMapping = &Mapping{Ignore: []string{"*comment*"}, Answers: map[string]int{"Somewhat": 2}}

func BenchmarkReadSurveyCSV10000x200(b *testing.B) {
	data := surveyExport(10000, 200)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadCSVWith(bytes.NewReader(data), ReadOptions{Mapping: benchMapping}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadSurveyXLSX10000x200(b *testing.B) {
	rows, err := csv.NewReader(bytes.NewReader(surveyExport(10000, 200))).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	data := xlsxBytes(b, "Form responses 1", rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadXLSX(bytes.NewReader(data), ReadOptions{Mapping: benchMapping}); err != nil {
			b.Fatal(err)
		}
	}
}
