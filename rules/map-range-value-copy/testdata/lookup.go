package fixture

type Account struct {
	Balance int
	Owner   string
	Limits  [2]int
}

type Ledger struct {
	accounts map[string]Account
	pointers map[string]*Account
}

// `d = m[k]` into a variable declared earlier: the copy changes, the map does not.
func (l *Ledger) credit(id string, amount int) {
	var acct Account
	acct = l.accounts[id]
	acct.Balance += amount // want "map-range-value-copy"
}

// `var d = m[k]`.
func (l *Ledger) rename(id, owner string) {
	var acct = l.accounts[id]
	acct.Owner = owner // want "map-range-value-copy"
}

func (l *Ledger) cap(id string) bool {
	var acct, ok = l.accounts[id]
	if ok {
		acct.Limits[0] = 100 // want "map-range-value-copy"
	}
	return ok
}

// Near miss: stored back.
func (l *Ledger) debit(id string, amount int) {
	var acct Account
	acct = l.accounts[id]
	acct.Balance -= amount
	l.accounts[id] = acct
}

// Near miss: pointer values share the element.
func (l *Ledger) creditPointer(id string, amount int) {
	var acct *Account
	acct = l.pointers[id]
	acct.Balance += amount
}

// Near miss: the copy is only read.
func (l *Ledger) balance(id string) int {
	var acct = l.accounts[id]
	return acct.Balance
}

// Near miss: the changed copy is returned on purpose (a preview, the map stays as it is).
func (l *Ledger) preview(id string, amount int) Account {
	var acct Account
	acct = l.accounts[id]
	acct.Balance += amount
	return acct
}

// Near miss: the changed copy is passed on.
func (l *Ledger) audit(id string, sink func(Account)) {
	var acct = l.accounts[id]
	acct.Owner = "audit"
	sink(acct)
}

// Near miss: the copy is read after the loop that changes it.
func (l *Ledger) total(ids []string) int {
	var acct Account
	for _, id := range ids {
		acct = l.accounts[id]
		acct.Balance *= 2
	}
	return acct.Balance
}

// Near miss: the variable is rebound before the change, which is not to the copy.
func (l *Ledger) fresh(id string) Account {
	var acct Account
	acct = l.accounts[id]
	acct = Account{Owner: id}
	acct.Balance = 1
	return acct
}
