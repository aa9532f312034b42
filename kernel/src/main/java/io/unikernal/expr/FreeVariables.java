package io.unikernal.expr;

import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** Finds the free identifiers of a parsed CEL expression (those not bound by a macro such as {@code exists}). */
final class FreeVariables {
    private final Map<String, Long> found = new LinkedHashMap<>();
    private final Deque<String> bound = new ArrayDeque<>();

    private FreeVariables() {
    }

    /** Free identifier names, in order of first appearance, each with the id of its first AST node. */
    static Map<String, Long> of(CelExpr expr) {
        FreeVariables v = new FreeVariables();
        v.visit(expr);
        return v.found;
    }

    private void visit(CelExpr e) {
        switch (e.getKind()) {
            case IDENT -> {
                String name = e.ident().name();
                if (!bound.contains(name)) {
                    found.putIfAbsent(name, e.id());
                }
            }
            case SELECT -> visit(e.select().operand());
            case CALL -> {
                e.call().target().ifPresent(this::visit);
                e.call().args().forEach(this::visit);
            }
            case LIST -> e.list().elements().forEach(this::visit);
            case MAP -> e.map().entries().forEach(en -> {
                visit(en.key());
                visit(en.value());
            });
            case STRUCT -> e.struct().entries().forEach(en -> visit(en.value()));
            case COMPREHENSION -> {
                var c = e.comprehension();
                visit(c.iterRange());
                visit(c.accuInit());
                bound.push(c.accuVar());
                bound.push(c.iterVar());
                visit(c.loopCondition());
                visit(c.loopStep());
                bound.pop(); // iterVar is out of scope in the result
                visit(c.result());
                bound.pop();
            }
            default -> {
                // constants and unset nodes have no identifiers
            }
        }
    }
}
