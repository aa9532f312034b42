package io.unikernal.expr;

import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.unikernal.routing.Condition;
import io.unikernal.routing.FieldRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates a CEL condition into routing-engine conditions when it is a conjunction ({@code &&}) of simple tests
 * on a field — {@code field == 'text'}, {@code field <op> number} with op one of {@code == < <= > >=},
 * {@code field.startsWith('text')}, {@code field in ['a', 'b']} — where a field is a body path ({@code a.b}) or
 * {@code headers.name} / {@code headers['name']}. Anything else has no translation and stays on CEL.
 *
 * <p>One difference is by design and documented: on the engine a condition on a missing field is false, where CEL
 * fails the message.
 */
public final class CelToRules {

    private CelToRules() {
    }

    /** The engine conditions equivalent to {@code source}, or empty when it has no such translation. */
    public static Optional<List<Condition>> conditions(String source) {
        CelValidationResult parsed = CelEnvironment.base().parse(source);
        if (parsed.hasError()) {
            return Optional.empty();
        }
        try {
            List<Condition> out = new ArrayList<>();
            return collect(parsed.getAst().getExpr(), out) ? Optional.of(List.copyOf(out)) : Optional.empty();
        } catch (dev.cel.common.CelValidationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean collect(CelExpr e, List<Condition> out) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return false;
        }
        var call = e.call();
        String fn = call.function();
        if (fn.equals("_&&_")) {
            return collect(call.args().get(0), out) && collect(call.args().get(1), out);
        }
        if (fn.equals("startsWith") && call.target().isPresent() && call.args().size() == 1) {
            Optional<FieldRef> field = field(call.target().get());
            Optional<String> text = text(call.args().get(0));
            if (field.isPresent() && text.isPresent()) {
                out.add(Condition.prefix(field.get(), text.get()));
                return true;
            }
            return false;
        }
        if (fn.equals("@in") && call.args().size() == 2) {
            Optional<FieldRef> field = field(call.args().get(0));
            CelExpr list = call.args().get(1);
            if (field.isEmpty() || list.getKind() != CelExpr.ExprKind.Kind.LIST) {
                return false;
            }
            List<String> values = new ArrayList<>();
            for (CelExpr element : list.list().elements()) {
                Optional<String> text = text(element);
                if (text.isEmpty()) {
                    return false;
                }
                values.add(text.get());
            }
            out.add(Condition.in(field.get(), values));
            return true;
        }
        if (call.args().size() != 2) {
            return false;
        }
        CelExpr left = call.args().get(0);
        CelExpr right = call.args().get(1);
        boolean flipped = field(left).isEmpty();
        Optional<FieldRef> field = field(flipped ? right : left);
        CelExpr literal = flipped ? left : right;
        if (field.isEmpty()) {
            return false;
        }
        String op = flipped ? flip(fn) : fn;
        Optional<String> text = text(literal);
        if (text.isPresent()) {
            if (!op.equals("_==_")) {
                return false;
            }
            out.add(Condition.equalTo(field.get(), text.get()));
            return true;
        }
        Optional<Double> number = number(literal);
        if (number.isEmpty()) {
            return false;
        }
        double n = number.get();
        double max = Double.MAX_VALUE;
        Condition condition = switch (op) {
            case "_==_" -> Condition.between(field.get(), n, n);
            case "_>_" -> Condition.between(field.get(), Math.nextUp(n), max);
            case "_>=_" -> Condition.between(field.get(), n, max);
            case "_<_" -> Condition.between(field.get(), -max, Math.nextDown(n));
            case "_<=_" -> Condition.between(field.get(), -max, n);
            default -> null;
        };
        if (condition == null) {
            return false;
        }
        out.add(condition);
        return true;
    }

    private static String flip(String fn) {
        return switch (fn) {
            case "_>_" -> "_<_";
            case "_<_" -> "_>_";
            case "_>=_" -> "_<=_";
            case "_<=_" -> "_>=_";
            default -> fn;
        };
    }

    /**
     * The field a dotted path names, as in a route step's {@code key} ({@code customer.id}, {@code headers.x}); throws
     * IllegalArgumentException, saying why, when it is not a field path.
     */
    public static FieldRef fieldPath(String path) {
        return FieldRef.parse(path.startsWith("headers.")
                ? "header." + path.substring("headers.".length()) : "body." + path);
    }

    /** A body path ({@code a.b.c}) or a header ({@code headers.x}, {@code headers['x']}). */
    private static Optional<FieldRef> field(CelExpr e) {
        List<String> path = new ArrayList<>();
        CelExpr cursor = e;
        while (true) {
            switch (cursor.getKind()) {
                case SELECT -> {
                    path.add(0, cursor.select().field());
                    cursor = cursor.select().operand();
                }
                case IDENT -> {
                    path.add(0, cursor.ident().name());
                    return fieldOf(path);
                }
                case CALL -> {
                    var call = cursor.call();
                    if (call.function().equals("_[_]") && call.args().size() == 2
                            && call.args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
                            && call.args().get(0).ident().name().equals(CelEnvironment.HEADERS)) {
                        Optional<String> name = text(call.args().get(1));
                        return name.isPresent() && path.isEmpty() ? Optional.of(FieldRef.header(name.get()))
                                : Optional.empty();
                    }
                    return Optional.empty();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }

    private static Optional<FieldRef> fieldOf(List<String> path) {
        if (path.get(0).equals(CelEnvironment.HEADERS)) {
            return path.size() == 2 ? Optional.of(FieldRef.header(path.get(1))) : Optional.empty();
        }
        if (path.get(0).equals(CelEnvironment.BODY)) {
            return Optional.empty();
        }
        return Optional.of(FieldRef.body(String.join(".", path)));
    }

    private static Optional<String> text(CelExpr e) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return Optional.of(e.constant().stringValue());
        }
        return Optional.empty();
    }

    private static Optional<Double> number(CelExpr e) {
        if (e.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return Optional.empty();
        }
        CelConstant c = e.constant();
        return switch (c.getKind()) {
            case INT64_VALUE -> Optional.of((double) c.int64Value());
            case UINT64_VALUE -> Optional.of(c.uint64Value().doubleValue());
            case DOUBLE_VALUE -> Optional.of(c.doubleValue());
            default -> Optional.empty();
        };
    }
}
