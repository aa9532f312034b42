package io.unikernal.runtime;

import org.apache.camel.spi.MaskingFormatter;

/**
 * Camel's log masking ({@code camel.main.logMask=true}) through {@link SecretMasker}: compiled apps bind it as
 * {@value org.apache.camel.spi.MaskingFormatter#CUSTOM_LOG_MASK_REF}, so the log EIP and the log component mask
 * registered secrets and credential-like values even where the logging backend does not.
 */
public final class SecretMaskingFormatter implements MaskingFormatter {

    @Override
    public String format(String source) {
        return SecretMasker.mask(source);
    }
}
