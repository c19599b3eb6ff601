package api

// maxListPages bounds the pages ApplyConfig reads of one kind of resource.
const maxListPages = 100_000

// listExisting fills the applier's maps with the resources the server
// holds already, by name (the first of several fleets or aliases of one
// name).
func (a *applier) listExisting() error {
	err := pages(func(token string) (string, error) {
		out, err := call[DescribeMatchmakingRuleSetsOutput](a, "DescribeMatchmakingRuleSets", &DescribeMatchmakingRuleSetsInput{Limit: 10, NextToken: token})
		if err != nil {
			return "", err
		}
		for _, r := range out.RuleSets {
			a.ruleSets[r.RuleSetName] = true
			a.ruleSetBodies[r.RuleSetName] = r.RuleSetBody
		}
		return out.NextToken, nil
	})
	if err != nil {
		return err
	}
	err = pages(func(token string) (string, error) {
		out, err := call[DescribeMatchmakingConfigurationsOutput](a, "DescribeMatchmakingConfigurations", &DescribeMatchmakingConfigurationsInput{Limit: 10, NextToken: token})
		if err != nil {
			return "", err
		}
		for _, c := range out.Configurations {
			a.configurations[c.Name] = true
		}
		return out.NextToken, nil
	})
	if err != nil || a.s.hosting == nil {
		return err
	}
	return a.listHosting()
}

func (a *applier) listHosting() error {
	err := pages(func(token string) (string, error) {
		out, err := call[DescribeFleetAttributesOutput](a, "DescribeFleetAttributes", &FleetsInput{NextToken: token})
		if err != nil {
			return "", err
		}
		for _, f := range out.FleetAttributes {
			if _, seen := a.fleets[f.Name]; !seen {
				a.fleets[f.Name] = hosted{f.FleetId, f.FleetArn}
			}
		}
		return out.NextToken, nil
	})
	if err != nil {
		return err
	}
	err = pages(func(token string) (string, error) {
		out, err := call[ListAliasesOutput](a, "ListAliases", &ListAliasesInput{NextToken: token})
		if err != nil {
			return "", err
		}
		for _, al := range out.Aliases {
			if _, seen := a.aliases[al.Name]; !seen {
				a.aliases[al.Name] = hosted{al.AliasId, al.AliasArn}
			}
		}
		return out.NextToken, nil
	})
	if err != nil {
		return err
	}
	return pages(func(token string) (string, error) {
		out, err := call[DescribeGameSessionQueuesOutput](a, "DescribeGameSessionQueues", &DescribeGameSessionQueuesInput{NextToken: token})
		if err != nil {
			return "", err
		}
		for _, q := range out.GameSessionQueues {
			a.queues[q.Name] = q.GameSessionQueueArn
		}
		return out.NextToken, nil
	})
}

// pages calls page with each NextToken until there is none.
func pages(page func(token string) (next string, err error)) error {
	token := ""
	for range maxListPages {
		next, err := page(token)
		if err != nil || next == "" {
			return err
		}
		token = next
	}
	return nil
}
