package httpbody

import "net/http"

// A func value given the whole response owns its body
// (go-retryablehttp's ErrorHandler: "be sure to close the body").
type errorHandler func(resp *http.Response, err error) (*http.Response, error)

func getWithHandler(c *http.Client, url string, onErr errorHandler) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return onErr(resp, nil)
	}
	return resp, nil
}
