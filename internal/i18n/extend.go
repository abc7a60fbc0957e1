package i18n

// extend adds messages to a registered catalogue, so features keep their
// texts in files of their own (en_notify.go next to en.go). Files of a
// package are initialised in name order, so an extension's file name must
// sort after its catalogue's; a missing catalogue is a programming error.
func extend(tag string, msgs map[string]string) {
	l, ok := Lookup(tag)
	if !ok {
		panic("i18n: extend " + tag + " before it is registered")
	}
	for k, v := range msgs {
		l.msgs[k] = v
	}
}
