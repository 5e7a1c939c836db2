package io.switchboard.core.internal;

/** Why a route file was refused, with where in the file when that is known (line and column from 1, else 0). */
final class RouteFileException extends Exception {

    private static final long serialVersionUID = 1L;

    RouteFileException(String file, int line, int column, String reason) {
        super(where(file, line, column) + ": " + reason);
    }

    private static String where(String file, int line, int column) {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }

    /** The deepest cause's message, which says what went wrong, plus the outer one, which says where. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == e || e.getMessage() == null ? message : message + " (" + e.getMessage() + ")";
    }
}
