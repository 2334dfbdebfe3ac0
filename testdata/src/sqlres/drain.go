package sqlres

import "database/sql"

// drain reads rows to the end: Next returning false closes them.
func drain(rows *sql.Rows) int { // want drain:`releases p0\.!Next`
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

func countDrained(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return 0, err
	}
	return drain(rows), nil
}

// A closure draining them does too (sqlx's tests).
func countClosure(db *sql.DB) (n int, err error) {
	check := func(rows *sql.Rows) {
		for rows.Next() {
			n++
		}
	}
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return 0, err
	}
	check(rows)
	return n, nil
}

// Reading one row does not.
func firstOnly(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1") // want `rows is opened at line 39 but not closed on the path that returns at line 43`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}
