package io.unikernal.cli;

import picocli.CommandLine.Option;

/** {@code --allow-literal-secrets}: the development flag of every command that reads UDL files. */
final class LiteralSecretsOption {

    @Option(names = "--allow-literal-secrets",
            description = {"For development only: a literal value in a secret option (password: hunter22) is a "
                    + "warning instead of an error [UDL-033]. Use ${secret:NAME} or ${env:NAME} otherwise."})
    boolean allowed;
}
