package analyzer_test

import "testing"

// sync: Mutex, RWMutex (write and read), TryLock/TryRLock, embedded
// mutexes, sync.Locker, enter/exit wrappers.
func TestLocks(t *testing.T) { run(t, "locks") }

// golang.org/x/sync/semaphore (stubbed under testdata/src).
func TestSemaphore(t *testing.T) { run(t, "semaphore") }

// os.Open, os.Create, os.OpenFile, os.CreateTemp.
func TestFiles(t *testing.T) { run(t, "files") }

// net.Dial*, net.Listen, Accept.
func TestNetConn(t *testing.T) { run(t, "netconn") }

// net/http response bodies.
func TestHTTPBody(t *testing.T) { run(t, "httpbody") }

// database/sql Rows, Stmt, Tx, Conn.
func TestSQLResources(t *testing.T) { run(t, "sqlres") }
