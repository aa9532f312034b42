package io.unikernal.examples.javadsl;

import io.unikernal.dsl.app.UdlApp;
import org.apache.camel.main.Main;

/**
 * The example as a Camel Main application: the Java routes are added in code, shop.udl comes in through Camel's
 * routes loader ({@code camel.main.routesIncludePattern} in application.properties). The schema the Java routes use
 * is read from the same file.
 */
public final class ShopApp {

    private ShopApp() {
    }

    /** The application, configured and not yet started. */
    public static Main main() {
        Main main = new Main();
        main.configure().addRoutesBuilder(new ShopRoutes(UdlApp.loadResource("shop.udl").schema("Order")));
        return main;
    }

    public static void main(String[] args) throws Exception {
        main().run(args);
    }
}
