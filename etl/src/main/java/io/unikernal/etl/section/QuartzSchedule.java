package io.unikernal.etl.section;

import java.util.Optional;
import org.quartz.CronExpression;

/**
 * A schedule is a Quartz cron expression (seconds first). The Unix cron a seed or crontab uses has five fields and
 * means something else in Quartz's positions, so it is refused, with its Quartz equivalent as the fix.
 */
final class QuartzSchedule {

    private QuartzSchedule() {
    }

    static boolean valid(String expression) {
        return CronExpression.isValidExpression(expression);
    }

    /** Quartz's words for what is wrong, for the problem's message. */
    static String whyInvalid(String expression) {
        try {
            new CronExpression(expression);
            return "valid";
        } catch (java.text.ParseException e) {
            return e.getMessage();
        }
    }

    /**
     * The Quartz expression of a five-field Unix cron ({@code min hour day-of-month month day-of-week}): seconds 0
     * first, '?' for the day field left open (Quartz wants exactly one of the two), days of week 0-7 (Sunday 0 or 7)
     * as Quartz's 1-7 (Sunday 1). Empty when the text is no five-field cron.
     */
    static Optional<String> fromUnix(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            return Optional.empty();
        }
        String dayOfMonth = fields[2];
        String dayOfWeek = unixDaysToQuartz(fields[4]);
        if (dayOfWeek.equals("*")) {
            dayOfWeek = "?";
        } else if (dayOfMonth.equals("*")) {
            dayOfMonth = "?";
        } else {
            return Optional.empty(); // both days restricted: Quartz cannot say "either" in one expression
        }
        String quartz = String.join(" ", "0", fields[0], fields[1], dayOfMonth, fields[3], dayOfWeek);
        return valid(quartz) ? Optional.of(quartz) : Optional.empty();
    }

    private static String unixDaysToQuartz(String field) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher digits = java.util.regex.Pattern.compile("(?<![/\\d])\\d+").matcher(field);
        while (digits.find()) {
            int day = Integer.parseInt(digits.group());
            digits.appendReplacement(out, String.valueOf(day % 7 + 1));
        }
        digits.appendTail(out);
        return out.toString();
    }
}
