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

// A hook that only looks at the response (httputil's ModifyResponse)
// does not own its body.
func getWithHook(c *http.Client, url string, modify func(*http.Response) error) (*http.Response, error) {
	resp, err := c.Get(url) // want `resp\.Body is obtained at line 23 but not closed on the path that returns at line 28`
	if err != nil {
		return nil, err
	}
	if err := modify(resp); err != nil {
		return nil, err
	}
	return resp, nil
}
