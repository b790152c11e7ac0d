// WebDriver may not open extension pages, so this test helper opens its own page, from which the
// test calls browser.browserSettings.
browser.tabs.create({ url: browser.runtime.getURL('switch.html') });
