package aicr.rules;

import java.util.List;
import java.util.Set;
import org.drools.model.EntryPoint;
import org.drools.model.Global;
import org.drools.model.Model;
import org.drools.model.Query;
import org.drools.model.Rule;
import org.drools.model.TypeMetaData;

/** A compiled model without some rules: shipped rules that a --rules file replaces. */
final class FilteredModel implements Model {
    private final Model delegate;
    private final Set<String> drop;

    FilteredModel(Model delegate, Set<String> drop) {
        this.delegate = delegate;
        this.drop = drop;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public String getPackageName() {
        return delegate.getPackageName();
    }

    @Override
    public List<Global> getGlobals() {
        return delegate.getGlobals();
    }

    @Override
    public List<Rule> getRules() {
        return delegate.getRules().stream().filter(r -> !drop.contains(r.getName())).toList();
    }

    @Override
    public List<Query> getQueries() {
        return delegate.getQueries();
    }

    @Override
    public List<TypeMetaData> getTypeMetaDatas() {
        return delegate.getTypeMetaDatas();
    }

    @Override
    public List<EntryPoint> getEntryPoints() {
        return delegate.getEntryPoints();
    }
}
