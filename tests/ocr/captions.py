"""Generated video with captions burned in: a lower-third band per scene, rendered with Pillow and DejaVu Sans
(Debian's fonts-dejavu-core; Arabic is shaped by Pillow's raqm layout)."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.media import synthetic

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SCENE_SECONDS = 3
CAPTIONS = {  # language → the caption of one scene, in scene order
    "ara": "وكالة أعماق الإخبارية",
    "rus": "Имя: Иван Петров",
    "eng": "Captured near Deir Ezzor",
}


def caption_layer(text, width, height, size=36):
    """An RGBA layer: a dark band across the lower third with the text centred in white."""
    layer = Image.new("RGBA", (width, height))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.truetype(FONT, size)
    arabic = any("\u0600" <= char <= "\u06ff" for char in text)
    options = {"direction": "rtl", "language": "ar"} if arabic else {}
    baseline = int(height * 0.87)
    left, top, right, bottom = draw.textbbox((width // 2, baseline), text, font=font, anchor="ms", **options)
    draw.rectangle((0, top - 20, width, bottom + 20), fill=(10, 10, 10, 255))
    draw.text((width // 2, baseline), text, font=font, fill=(255, 255, 255, 255), anchor="ms", **options)
    return np.asarray(layer)


def write_captioned(path, captions=tuple(CAPTIONS.values()), seed=14, width=960, height=540):
    """One scene of SCENE_SECONDS per caption; each scene change makes a keyframe."""
    layers = [caption_layer(text, width, height) for text in captions]
    seconds = SCENE_SECONDS * len(captions)

    def frames():
        for index, rgb in enumerate(synthetic.natural_frames(seed, width, height, seconds, SCENE_SECONDS)):
            layer = layers[index // (SCENE_SECONDS * synthetic.FPS)]
            alpha = layer[..., 3:] / 255.0
            yield (rgb * (1 - alpha) + layer[..., :3] * alpha).astype(np.uint8)

    return synthetic.write_mp4(path, frames(), width, height)
