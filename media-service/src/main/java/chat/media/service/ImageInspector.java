package chat.media.service;

import chat.events.ErrorCode;
import chat.media.config.MediaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes an image before it is accepted (ImageIO, with the TwelveMonkeys JPEG and WebP readers
 * on the class path) and makes its preview from the same decoding. An image that does not decode
 * to its end, or whose decoder warns (a truncated JPEG decodes with a warning, grey at the bottom),
 * or that has more pixels than allowed, is refused: {@code unsupported_media}.
 *
 * <p>Memory stays near the preview's size: the pixel count is read from the header before any
 * decoding, and the decoder keeps only every n-th pixel (source subsampling) of large images.
 */
@ApplicationScoped
public class ImageInspector {

    static {
        ImageIO.setUseCache(false); // no temporary files of ImageIO's own
    }

    private final long maxPixels;
    private final int previewSize;

    @jakarta.inject.Inject
    public ImageInspector(MediaConfig config) {
        this(config.maxPixels(), config.previewSize());
    }

    ImageInspector(long maxPixels, int previewSize) {
        this.maxPixels = maxPixels;
        this.previewSize = previewSize;
    }

    /**
     * @param orientation the EXIF orientation the image is shown with (1: as stored); the preview is turned to match
     * @throws MediaRejected {@code unsupported_media} when the image does not decode whole, or is too large in pixels
     */
    public InspectedImage inspect(Path file, SniffedType type, int orientation) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.contentType());
            if (in == null || !readers.hasNext()) {
                throw refused("no decoder for " + type.contentType());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return decode(reader, orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaRejected rejected) {
                throw rejected;
            }
            throw refused("the image is truncated or corrupt");
        }
    }

    private InspectedImage decode(ImageReader reader, int orientation) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
            throw refused("image of " + width + "x" + height + " pixels is over the limit of " + maxPixels + " pixels");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / (2 * previewSize)); // keep twice the preview's size
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        if (!warnings.isEmpty() || decoded == null) {
            throw refused("the image is truncated or corrupt");
        }
        boolean alpha = decoded.getColorModel().hasAlpha();
        return new InspectedImage(width, height, preview(decoded, alpha, orientation),
                alpha ? "image/png" : "image/jpeg");
    }

    private byte[] preview(BufferedImage image, boolean alpha, int orientation) throws IOException {
        double scale = Math.min(1.0, (double) previewSize / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        boolean sideways = orientation >= 5; // EXIF 5..8: turned a quarter
        BufferedImage preview = new BufferedImage(sideways ? h : w, sideways ? w : h,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = preview.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.transform(upright(orientation, w, h));
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (alpha) {
            ImageIO.write(preview, "png", out);
        } else {
            writeJpeg(preview, out);
        }
        return out.toByteArray();
    }

    /** Turns a w x h picture stored with this EXIF orientation upright (mirrored variants are only turned). */
    private static AffineTransform upright(int orientation, int w, int h) {
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 3, 4 -> {
                t.translate(w, h);
                t.rotate(Math.PI);
            }
            case 5, 6 -> {
                t.translate(h, 0);
                t.rotate(Math.PI / 2);
            }
            case 7, 8 -> {
                t.translate(0, w);
                t.rotate(-Math.PI / 2);
            }
            default -> {
            }
        }
        return t;
    }

    private static void writeJpeg(BufferedImage image, ByteArrayOutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream target = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(target);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static MediaRejected refused(String reason) {
        return new MediaRejected(ErrorCode.UNSUPPORTED_MEDIA, reason);
    }
}
